<#ftl output_format="plainText">
<#import "template.ftl" as layout>
<@layout.emailLayout>
${msg("gatehouse.usernameTakenBody", username)} ${signupUrl}

${msg("gatehouse.usernameTakenIgnore")}
</@layout.emailLayout>
