<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("gatehouse.terminatedTitle")}
    <#elseif section = "form">
        <div id="gatehouse-terminated" role="alert">
            <p>${msg("gatehouse.terminatedInfo")}</p>
            <p>${msg("gatehouse.terminatedWhatToDo")}</p>
            <p><a id="gatehouse-troubleshooting-link" href="${troubleshootingUrl}">${msg("gatehouse.troubleshootingLink")}</a></p>
        </div>
    </#if>
</@layout.registrationLayout>
