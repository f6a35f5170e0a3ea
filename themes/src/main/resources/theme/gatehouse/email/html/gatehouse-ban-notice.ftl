<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("gatehouse.banNoticeBody", username)}</p>
<#if subUsers gt 0>
<p id="gatehouse-ban-sub-users">${msg("gatehouse.banNoticeSubUsers", subUsers)}</p>
</#if>
<p>${msg("gatehouse.banNoticeWhatToDo")}</p>
<p><a id="gatehouse-troubleshooting-link" href="${troubleshootingUrl}">${msg("gatehouse.banNoticeLink")}</a></p>
</@layout.emailLayout>
