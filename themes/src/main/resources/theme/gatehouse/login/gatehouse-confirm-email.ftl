<#import "template.ftl" as layout>
<#-- The link of a confirmation e-mail lands here; only the button's POST confirms (SPEC P2.2). -->
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("gatehouse.confirmTitle")}
    <#elseif section = "form">
        <div id="gatehouse-confirm-email">
            <p>${msg(accountCreated?then("gatehouse.confirmSignupInfo", "gatehouse.confirmAccountInfo"))}</p>
            <form id="gatehouse-confirm-form" method="post" action="${confirmAction}">
                <input type="hidden" name="key" value="${confirmKey}">
                <button id="gatehouse-confirm-button" type="submit" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg(accountCreated?then("gatehouse.confirmSignupButton", "gatehouse.confirmAccountButton"))}</button>
            </form>
        </div>
    </#if>
</@layout.registrationLayout>
