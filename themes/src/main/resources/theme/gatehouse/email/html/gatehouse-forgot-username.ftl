<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("gatehouse.forgotUsernameBody")}</p>
<ul id="gatehouse-usernames">
<#list usernames as username>
    <li>${username}</li>
</#list>
</ul>
<p>${msg("gatehouse.forgotUsernameIgnore")}</p>
</@layout.emailLayout>
