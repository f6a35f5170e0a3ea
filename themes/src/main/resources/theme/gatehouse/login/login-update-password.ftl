<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<#import "password-validation.ftl" as validator>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('password','password-confirm'); section>
    <#if section = "header">
        ${msg("updatePasswordTitle")}
    <#elseif section = "form">
        <p id="gatehouse-integration-warning" class="${properties.kcAlertClass!} pf-m-warning">
            ${msg("gatehouse.resetIntegrationWarning")}
        </p>
        <form id="kc-passwd-update-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate="novalidate">
            <@field.password name="password-new" label=msg("passwordNew") fieldName="password" autocomplete="new-password" autofocus=true />
            <@field.password name="password-confirm" label=msg("passwordConfirm") autocomplete="new-password" />

            <#-- SPEC P1.8: after a password change every other session of the account ends. -->
            <input type="hidden" name="logout-sessions" value="on">
            <p id="gatehouse-sessions-end">${msg("gatehouse.resetEndsSessions")}</p>

            <#-- Issue 16: keys made with a stolen password would outlive the reset. On by default, except
                 for a change the user started from an app (Keycloak's application-initiated action). -->
            <div class="${properties.kcFormGroupClass!} gatehouse-revoke-api-keys">
                <input type="checkbox" id="gatehouse-revoke-api-keys" name="gatehouse-revoke-api-keys" value="on"
                       aria-describedby="gatehouse-revoke-api-keys-help"<#if !(isAppInitiatedAction??)> checked</#if>>
                <label for="gatehouse-revoke-api-keys">${msg("gatehouse.revokeApiKeys")}</label>
                <p id="gatehouse-revoke-api-keys-help">${msg("gatehouse.revokeApiKeysHelp")}</p>
            </div>

            <@buttons.actionGroup horizontal=true>
                <#if isAppInitiatedAction??>
                    <@buttons.button id="kc-submit" name="login" label="doSubmit"/>
                    <@buttons.button id="kc-cancel" label="doCancel" name="cancel-aia" type="secondary"/>
                <#else>
                    <@buttons.button id="kc-submit" name="login" label="doSubmit"/>
                </#if>
            </@buttons.actionGroup>
        </form>

        <@validator.templates/>
        <@validator.script field="password-new"/>
    </#if>
</@layout.registrationLayout>
