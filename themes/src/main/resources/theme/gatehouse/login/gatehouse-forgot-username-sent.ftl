<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("gatehouse.forgotUsernameTitle")}
    <#elseif section = "form">
        <p id="gatehouse-forgot-username-sent" role="status">${msg("gatehouse.forgotUsernameSent")}</p>
    </#if>
</@layout.registrationLayout>
