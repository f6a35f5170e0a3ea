<#import "template.ftl" as layout>
<#import "gatehouse-links.ftl" as links>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("gatehouse.confirmationFailedTitle")}
    <#elseif section = "form">
        <div id="gatehouse-confirmation-${confirmationFailure}" role="alert">
            <#if confirmationFailure == "used">
                <p>${msg("gatehouse.confirmationUsed")}</p>
            <#elseif confirmationFailure == "expired" && signupLink>
                <p>${msg("gatehouse.confirmationExpiredSignup")}</p>
            <#elseif confirmationFailure == "expired">
                <p>${msg("gatehouse.confirmationExpiredAccount")}</p>
            <#else>
                <p>${msg("gatehouse.confirmationInvalid")}</p>
            </#if>
            <#if confirmationFailure == "expired" && signupLink>
                <p><a id="gatehouse-signup-again" href="${signupUrl}">${msg("gatehouse.signUpAgain")}</a></p>
            <#else>
                <p><a id="gatehouse-login-link" href="${loginUrl}">${msg("doLogIn")}</a></p>
            </#if>
            <@links.troubleshooting/>
        </div>
    </#if>
</@layout.registrationLayout>
