<#ftl output_format="plainText">
<#import "template.ftl" as layout>
<@layout.emailLayout>
${msg("gatehouse.forgotUsernameBody")}

<#list usernames as username>
- ${username}
</#list>

${msg("gatehouse.forgotUsernameIgnore")}
</@layout.emailLayout>
