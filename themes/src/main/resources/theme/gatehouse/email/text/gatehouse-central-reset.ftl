<#ftl output_format="plainText">
<#import "template.ftl" as layout>
<@layout.emailLayout>
${msg("gatehouse.centralResetInfo", username)}
<#if centralResetUrl?has_content>

${msg("gatehouse.centralResetLink")} ${centralResetUrl}
</#if>

${msg("gatehouse.resetIntegrationWarning")}

${msg("gatehouse.centralResetIgnore")}
</@layout.emailLayout>
