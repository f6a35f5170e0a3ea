<#-- The link of an error page to its section of the troubleshooting page (SPEC P3.3). -->
<#macro troubleshooting>
    <#if troubleshootingUrl??>
        <p><a id="gatehouse-troubleshooting-link" href="${troubleshootingUrl}">${msg("gatehouse.troubleshootingLink")}</a></p>
    </#if>
</#macro>
