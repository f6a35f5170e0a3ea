<#import "template.ftl" as layout>
<#-- The article's reasons, in its order; each id is a stable anchor that error pages link to. -->
<#assign reasons = ["invalid-credentials", "email-not-confirmed", "check-with-other-users", "reset-password",
                    "usernames", "bad-api-credentials", "billing-terminated", "account-banned"]>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("gatehouse.troubleshootingTitle")}
    <#elseif section = "form">
        <div id="gatehouse-troubleshooting">
            <p>${msg("gatehouse.troubleshootingIntro")}</p>
            <nav aria-labelledby="gatehouse-troubleshooting-contents">
                <h2 id="gatehouse-troubleshooting-contents">${msg("gatehouse.troubleshootingContents")}</h2>
                <ul>
                    <#list reasons as reason>
                        <li><a href="#${reason}">${msg("gatehouse.reason." + reason + ".title")}</a></li>
                    </#list>
                </ul>
            </nav>
            <#list reasons as reason>
                <section id="${reason}" class="gatehouse-reason<#if highlighted?? && highlighted == reason> gatehouse-highlighted pf-v5-c-alert pf-m-info</#if>"
                         <#if highlighted?? && highlighted == reason>aria-current="true" tabindex="-1"</#if>>
                    <h2>${msg("gatehouse.reason." + reason + ".title")}</h2>
                    <p>${msg("gatehouse.reason." + reason + ".body")}</p>
                </section>
            </#list>
            <form id="gatehouse-feedback" method="post" action="${feedbackUrl}">
                <fieldset>
                    <legend>${msg("gatehouse.feedbackQuestion")}</legend>
                    <#if highlighted??><input type="hidden" name="reason" value="${highlighted}"></#if>
                    <button type="submit" name="helpful" value="yes" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!}">${msg("gatehouse.feedbackYes")}</button>
                    <button type="submit" name="helpful" value="no" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!}">${msg("gatehouse.feedbackNo")}</button>
                </fieldset>
            </form>
            <#if feedbackThanks??><p id="gatehouse-feedback-thanks" role="status">${msg("gatehouse.feedbackThanks")}</p></#if>
        </div>
    </#if>
</@layout.registrationLayout>
