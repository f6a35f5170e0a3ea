<#import "template.ftl" as layout>
<#import "gatehouse-links.ftl" as links>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("gatehouse.terminatedTitle")}
    <#elseif section = "form">
        <div id="gatehouse-terminated" role="alert">
            <p>${msg("gatehouse.terminatedInfo")}</p>
            <p>${msg("gatehouse.terminatedWhatToDo")}</p>
            <@links.troubleshooting/>
        </div>
    </#if>
</@layout.registrationLayout>
