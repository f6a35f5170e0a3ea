<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("gatehouse.usernameTakenBody", username)} <a href="${signupUrl}">${signupUrl}</a></p>
<p>${msg("gatehouse.usernameTakenIgnore")}</p>
</@layout.emailLayout>
