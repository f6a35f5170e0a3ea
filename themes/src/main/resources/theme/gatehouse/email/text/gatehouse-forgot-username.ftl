<#ftl output_format="plainText">
${msg("gatehouse.forgotUsernameBody")}

<#list usernames as username>
- ${username}
</#list>

${msg("gatehouse.forgotUsernameIgnore")}
