<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('password'); section>
    <#if section = "header">
        ${msg("doLogIn")}
    <#elseif section = "form">
        <div id="kc-form">
            <div id="kc-form-wrapper">
                <form id="kc-form-login" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                    <@field.password name="password" label=msg("password") forgotPassword=realm.resetPasswordAllowed autofocus=true autocomplete="current-password" />
                    <@buttons.loginButton />
                </form>
                <#if troubleshootingUrl?? && messagesPerField.existsError('password')>
                    <p><a id="gatehouse-troubleshooting-link" href="${troubleshootingUrl}">${msg("gatehouse.troubleshootingLink")}</a></p>
                </#if>
            </div>
        </div>
    </#if>
</@layout.registrationLayout>
