<#import "template.ftl" as layout>
<@layout.emailLayout>
<#if signup>
<p>${msg("gatehouse.confirmEmailSignupBody", username)}</p>
<#else>
<p>${msg("gatehouse.confirmEmailAccountBody", username)}</p>
</#if>
<p><a id="gatehouse-confirm-link" href="${link}">${msg("gatehouse.confirmEmailLink")}</a></p>
<p>${msg("gatehouse.confirmEmailExpiry", linkHours)}</p>
<p>${msg("gatehouse.confirmEmailIgnore")}</p>
</@layout.emailLayout>
