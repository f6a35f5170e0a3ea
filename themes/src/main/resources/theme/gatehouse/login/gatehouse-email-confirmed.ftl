<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("gatehouse.confirmedTitle")}
    <#elseif section = "form">
        <div id="gatehouse-email-confirmed" role="status">
            <#if accountCreated>
                <p>${msg("gatehouse.accountReady", confirmedUsername)}</p>
            <#else>
                <p>${msg("gatehouse.emailConfirmed", confirmedUsername)}</p>
            </#if>
            <p><a id="gatehouse-login-link" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!}" href="${loginUrl}">${msg("doLogIn")}</a></p>
        </div>
    </#if>
</@layout.registrationLayout>
