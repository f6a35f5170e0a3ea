<#ftl output_format="plainText">
<#import "template.ftl" as layout>
<@layout.emailLayout>
${msg("gatehouse.addressTakenBody")}

${msg("gatehouse.addressTakenForgot")} ${forgotUsernameUrl}

${msg("gatehouse.addressTakenIgnore")}
</@layout.emailLayout>
