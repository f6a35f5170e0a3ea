<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("gatehouse.secondFactorRemovedBody", username)}</p>
<p>${msg("gatehouse.secondFactorRemovedNext")}</p>
<p>${msg("gatehouse.secondFactorRemovedNotYou")}</p>
<p><a id="gatehouse-troubleshooting-link" href="${troubleshootingUrl}">${msg("gatehouse.secondFactorRemovedLink")}</a></p>
</@layout.emailLayout>
