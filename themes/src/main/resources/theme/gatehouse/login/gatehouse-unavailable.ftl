<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("gatehouse.unavailableTitle")}
    <#elseif section = "form">
        <div id="gatehouse-unavailable">
            <#if url.loginRestartFlowUrl??>
                <p><a id="gatehouse-try-again" href="${url.loginRestartFlowUrl}">${msg("gatehouse.tryAgain")}</a></p>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>
