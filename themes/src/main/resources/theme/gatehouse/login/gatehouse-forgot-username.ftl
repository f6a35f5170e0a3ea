<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<#import "gatehouse-links.ftl" as links>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('email'); section>
    <#if section = "header">
        ${msg("gatehouse.forgotUsernameTitle")}
    <#elseif section = "form">
        <p id="gatehouse-forgot-username-info">${msg("gatehouse.forgotUsernameInfo")}</p>
        <form id="gatehouse-forgot-username-form" class="${properties.kcFormClass!}" action="${forgotUsernameAction}" method="post" novalidate="novalidate">
            <@field.input name="email" label=msg("email") autofocus=true autocomplete="email" />
            <@buttons.actionGroup>
                <@buttons.button id="kc-submit" name="send" label="gatehouse.forgotUsernameSubmit"/>
            </@buttons.actionGroup>
        </form>
        <@links.troubleshooting/>
    </#if>
</@layout.registrationLayout>
