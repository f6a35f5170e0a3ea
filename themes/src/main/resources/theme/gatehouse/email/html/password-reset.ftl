<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("passwordResetBodyHtml",link, linkExpiration, realmName, linkExpirationFormatter(linkExpiration)))?no_esc}
<p id="gatehouse-integration-warning"><strong>${msg("gatehouse.resetIntegrationWarning")}</strong></p>
</@layout.emailLayout>
