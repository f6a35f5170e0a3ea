<#import "template.ftl" as layout>
<#import "gatehouse-links.ftl" as links>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("gatehouse.forgotUsernameTitle")}
    <#elseif section = "form">
        <p id="gatehouse-forgot-username-sent" role="status">${msg("gatehouse.forgotUsernameSent")}</p>
        <@links.troubleshooting/>
    </#if>
</@layout.registrationLayout>
