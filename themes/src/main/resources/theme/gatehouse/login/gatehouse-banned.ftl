<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("gatehouse.bannedTitle")}
    <#elseif section = "form">
        <div id="gatehouse-banned" role="alert">
            <p>${msg("gatehouse.bannedInfo")}</p>
            <p>${msg("gatehouse.bannedWhatToDo")}</p>
            <p><a id="gatehouse-troubleshooting-link" href="${troubleshootingUrl}">${msg("gatehouse.troubleshootingLink")}</a></p>
        </div>
    </#if>
</@layout.registrationLayout>
