<#import "template.ftl" as layout>
<#import "gatehouse-links.ftl" as links>
<#-- A refused central sign-in or link (403): why, and where to read more (SPEC P3.3). -->
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("errorTitle")}
    <#elseif section = "form">
        <div id="gatehouse-central-refused" role="alert">
            <#if message?has_content>
                <p>${kcSanitize(message.summary)?no_esc}</p>
            </#if>
            <@links.troubleshooting/>
        </div>
    </#if>
</@layout.registrationLayout>
