<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<#--
  The TOTP code page of Keycloak's auth-otp-form, written for the gatehouse theme: the authenticator
  choice (when an account has several) is a set of radio buttons that works without JavaScript, and
  the page links to the troubleshooting page's "Lost your second factor?" section (SPEC P9.4).
-->
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('totp'); section>
    <#if section = "header">
        ${msg("doLogIn")}
    <#elseif section = "form">
        <form id="kc-otp-login-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <#if otpLogin.userOtpCredentials?size gt 1>
                <fieldset class="${properties.kcFormGroupClass!}">
                    <legend class="${properties.kcFormLabelClass!}">${msg("loginChooseAuthenticator")}</legend>
                    <#list otpLogin.userOtpCredentials as otpCredential>
                        <div class="pf-v5-c-radio">
                            <input class="pf-v5-c-radio__input" type="radio" id="kc-otp-credential-${otpCredential?index}"
                                   name="selectedCredentialId" value="${otpCredential.id}"
                                   <#if otpCredential.id == (otpLogin.selectedCredentialId!'')>checked</#if>>
                            <label class="pf-v5-c-radio__label" for="kc-otp-credential-${otpCredential?index}">${otpCredential.userLabel!(otpCredential?index + 1)}</label>
                        </div>
                    </#list>
                </fieldset>
            <#else>
                <input id="selectedCredentialId" type="hidden" name="selectedCredentialId" value="${otpLogin.selectedCredentialId!''}">
            </#if>
            <@field.input name="otp" label=msg("loginOtpOneTime") autocomplete="one-time-code" fieldName="totp" autofocus=true />
            <@buttons.loginButton />
        </form>
        <p><a id="gatehouse-lost-second-factor" href="${url.loginAction?keep_before("/login-actions/")}/gatehouse/troubleshooting?reason=lost-second-factor#lost-second-factor">${msg("gatehouse.secondFactorLost")}</a></p>
    </#if>
</@layout.registrationLayout>
