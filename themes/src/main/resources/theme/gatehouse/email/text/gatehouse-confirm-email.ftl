<#ftl output_format="plainText">
<#if signup>
${msg("gatehouse.confirmEmailSignupBody", username)}
<#else>
${msg("gatehouse.confirmEmailAccountBody", username)}
</#if>

${link}

${msg("gatehouse.confirmEmailExpiry", linkHours)}

${msg("gatehouse.confirmEmailIgnore")}
