<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<#import "social-providers.ftl" as identityProviders>
<#import "passkeys.ftl" as passkeys>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('username') displayInfo=(realm.password && realm.registrationAllowed && !registrationDisabled??); section>
    <#if section = "header">
        ${msg("loginAccountTitle")}
    <#elseif section = "form">
        <div id="kc-form">
            <div id="kc-form-wrapper">
                <#if realm.password>
                    <form id="kc-form-login" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                        <#if !usernameHidden??>
                            <div class="${properties.kcFormGroupClass!}">
                                <@field.input name="username" label=msg("usernameOrEmail") value=login.username!'' autofocus=true autocomplete=(enableWebAuthnConditionalUI?has_content)?then("username webauthn", "username") />
                            </div>
                        </#if>
                        <@buttons.loginButton />
                    </form>
                    <#-- Passkey sign-in (SPEC P9.5): the browser's autofill offers passkeys, and a button asks for one. -->
                    <@passkeys.conditionalUIData />
                    <#if forgotUsernameUrl??>
                        <p><a id="gatehouse-forgot-username" href="${forgotUsernameUrl}">${msg("gatehouse.forgotUsernameLink")}</a></p>
                    </#if>
                </#if>
            </div>
        </div>
    <#elseif section = "info" >
        <#if realm.password && realm.registrationAllowed && !registrationDisabled??>
            <div id="kc-registration">
                <span>${msg("noAccount")} <a href="${url.registrationUrl}">${msg("doRegister")}</a></span>
            </div>
        </#if>
    <#elseif section = "socialProviders" >
        <#if realm.password && social.providers?? && social.providers?has_content>
            <@identityProviders.show social=social />
        </#if>
    </#if>
</@layout.registrationLayout>
