<#import "template.ftl" as layout>
<#import "gatehouse-links.ftl" as links>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("gatehouse.bannedTitle")}
    <#elseif section = "form">
        <div id="gatehouse-banned" role="alert">
            <p>${msg("gatehouse.bannedInfo")}</p>
            <p>${msg("gatehouse.bannedWhatToDo")}</p>
            <@links.troubleshooting/>
        </div>
    </#if>
</@layout.registrationLayout>
