<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("gatehouse.unconfirmedTitle")}
    <#elseif section = "form">
        <div id="gatehouse-unconfirmed">
            <p>${msg("gatehouse.unconfirmedInfo", unconfirmedEmail)}</p>
            <#if resendMessage?? && resendMessage == "gatehouse.resendSent">
                <p id="gatehouse-resend-sent" role="status" class="${properties.kcAlertClass!} pf-m-success">${msg("gatehouse.resendSent", unconfirmedEmail)}</p>
            <#elseif resendMessage?? && resendMessage == "gatehouse.resendTooMany">
                <p id="gatehouse-resend-refused" role="alert" class="${properties.kcAlertClass!} pf-m-danger">${msg("gatehouse.resendTooMany")}</p>
            </#if>
            <form id="gatehouse-resend-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <input type="hidden" name="gatehouse-resend" value="true">
                <@buttons.actionGroup>
                    <@buttons.button id="gatehouse-resend" name="resend" label="gatehouse.resendSubmit"/>
                </@buttons.actionGroup>
            </form>
            <p><a id="gatehouse-troubleshooting-link" href="${troubleshootingUrl}">${msg("gatehouse.troubleshootingLink")}</a></p>
        </div>
    </#if>
</@layout.registrationLayout>
