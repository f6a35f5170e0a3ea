<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("gatehouse.centralResetInfo", username)}</p>
<#if centralResetUrl?has_content>
<p>${msg("gatehouse.centralResetLink")} <a id="gatehouse-central-reset-link" href="${centralResetUrl}">${centralResetUrl}</a></p>
</#if>
<p id="gatehouse-integration-warning">${msg("gatehouse.resetIntegrationWarning")}</p>
<p>${msg("gatehouse.centralResetIgnore")}</p>
</@layout.emailLayout>
