<#import "template.ftl" as layout>
<#import "gatehouse-links.ftl" as links>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("gatehouse.unavailableTitle")}
    <#elseif section = "form">
        <div id="gatehouse-unavailable">
            <#if url.loginRestartFlowUrl??>
                <p><a id="gatehouse-try-again" href="${url.loginRestartFlowUrl}">${msg("gatehouse.tryAgain")}</a></p>
            </#if>
            <@links.troubleshooting/>
        </div>
    </#if>
</@layout.registrationLayout>
