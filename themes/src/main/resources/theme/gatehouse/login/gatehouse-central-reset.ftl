<#import "template.ftl" as layout>
<#import "gatehouse-links.ftl" as links>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("gatehouse.centralResetTitle")}
    <#elseif section = "form">
        <div id="gatehouse-central-reset">
            <p>${msg("gatehouse.centralResetInfo")}</p>
            <#if centralResetUrl?has_content>
                <p><a id="gatehouse-central-reset-link" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!}" href="${centralResetUrl}">${msg("gatehouse.centralResetLink")}</a></p>
            </#if>
            <@links.troubleshooting/>
        </div>
    </#if>
</@layout.registrationLayout>
