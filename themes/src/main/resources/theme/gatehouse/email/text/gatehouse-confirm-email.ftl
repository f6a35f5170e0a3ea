<#ftl output_format="plainText">
<#import "template.ftl" as layout>
<@layout.emailLayout>
<#if signup>
${msg("gatehouse.confirmEmailSignupBody", username)}
<#else>
${msg("gatehouse.confirmEmailAccountBody", username)}
</#if>

${link}

${msg("gatehouse.confirmEmailExpiry", linkHours)}

${msg("gatehouse.confirmEmailIgnore")}
</@layout.emailLayout>
