<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('username','email','password','password-confirm'); section>
    <#if section = "header">
        ${msg("registerTitle")}
    <#elseif section = "form">
        <p id="gatehouse-signup-info">${msg("gatehouse.signupInfo")}</p>
        <form id="gatehouse-signup-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate="novalidate">
            <@field.input name="username" label=msg("username") value=signupUsername!'' autofocus=true autocomplete="username" />
            <@field.input name="email" label=msg("email") value=signupEmail!'' autocomplete="email" />
            <@field.password name="password" label=msg("password") autocomplete="new-password" />
            <@field.password name="password-confirm" label=msg("passwordConfirm") autocomplete="new-password" />
            <@buttons.actionGroup>
                <@buttons.button id="kc-submit" name="register" label="doRegister"/>
            </@buttons.actionGroup>
        </form>
        <p><a id="gatehouse-back-to-login" href="${url.loginUrl}">${msg("backToLogin")}</a></p>
    </#if>
</@layout.registrationLayout>
