<#ftl output_format="plainText">
${msg("gatehouse.banNoticeBody", username)}
<#if subUsers gt 0>

${msg("gatehouse.banNoticeSubUsers", subUsers)}
</#if>

${msg("gatehouse.banNoticeWhatToDo")}

${msg("gatehouse.banNoticeLink")}: ${troubleshootingUrl}
