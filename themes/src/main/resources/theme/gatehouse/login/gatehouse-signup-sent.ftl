<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("gatehouse.signupSentTitle")}
    <#elseif section = "form">
        <div id="gatehouse-signup-sent" role="status">
            <p>${msg("gatehouse.signupSent", signupEmail)}</p>
            <p>${msg("gatehouse.signupSentNothing")}</p>
        </div>
    </#if>
</@layout.registrationLayout>
