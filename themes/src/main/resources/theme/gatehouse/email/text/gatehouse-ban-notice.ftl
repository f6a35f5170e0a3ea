<#ftl output_format="plainText">
<#import "template.ftl" as layout>
<@layout.emailLayout>
${msg("gatehouse.banNoticeBody", username)}
<#if subUsers gt 0>

${msg("gatehouse.banNoticeSubUsers", subUsers)}
</#if>

${msg("gatehouse.banNoticeWhatToDo")}

${msg("gatehouse.banNoticeLink")}: ${troubleshootingUrl}
</@layout.emailLayout>
