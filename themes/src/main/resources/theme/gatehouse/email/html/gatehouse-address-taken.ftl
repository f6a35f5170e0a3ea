<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("gatehouse.addressTakenBody")}</p>
<p>${msg("gatehouse.addressTakenForgot")} <a href="${forgotUsernameUrl}">${forgotUsernameUrl}</a></p>
<p>${msg("gatehouse.addressTakenIgnore")}</p>
</@layout.emailLayout>
