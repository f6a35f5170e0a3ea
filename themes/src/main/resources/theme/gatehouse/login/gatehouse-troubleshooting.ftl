<#import "template.ftl" as layout>
<#-- The article's reasons, in its order; each id is a stable anchor that error pages link to. -->
<#assign reasons = ["invalid-credentials", "email-not-confirmed", "check-with-other-users", "reset-password",
                    "usernames", "bad-api-credentials", "billing-terminated", "account-banned", "lost-second-factor"]>
<#--
  ?reason=<anchor> needs no JavaScript to be seen: the server renders that section first, marked,
  right under the introduction, so it is in view on arrival; links that also carry #<anchor> make the
  browser scroll there and :target mark it (css/gatehouse.css).
-->
<#macro reasonSection reason marked>
    <section id="${reason}" class="gatehouse-reason<#if marked> gatehouse-highlighted</#if>"
             aria-labelledby="${reason}-title"<#if marked> aria-current="true"</#if>>
        <#if marked><p class="gatehouse-reason-mark">${msg("gatehouse.troubleshootingYourReason")}</p></#if>
        <h2 id="${reason}-title">${msg("gatehouse.reason." + reason + ".title")}</h2>
        <p>${msg("gatehouse.reason." + reason + ".body")}</p>
    </section>
</#macro>
<#-- Only a reason of the list is marked; the resource already dropped anything that is not an anchor. -->
<#assign marked = (highlighted?? && reasons?seq_contains(highlighted))?then(highlighted, "")>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("gatehouse.troubleshootingTitle")}
    <#elseif section = "form">
        <div id="gatehouse-troubleshooting">
            <p>${msg("gatehouse.troubleshootingIntro")}</p>
            <#if marked?has_content><@reasonSection reason=marked marked=true/></#if>
            <nav aria-labelledby="gatehouse-troubleshooting-contents">
                <h2 id="gatehouse-troubleshooting-contents">${msg("gatehouse.troubleshootingContents")}</h2>
                <ul>
                    <#list reasons as reason>
                        <li><a href="#${reason}">${msg("gatehouse.reason." + reason + ".title")}</a></li>
                    </#list>
                </ul>
            </nav>
            <#list reasons as reason>
                <#if reason != marked><@reasonSection reason=reason marked=false/></#if>
            </#list>
            <#if feedbackThanks??>
                <p id="gatehouse-feedback-thanks" class="${properties.kcAlertClass!} pf-m-success" role="status">${msg("gatehouse.feedbackThanks")}</p>
            <#else>
                <#if message?? && message.type == "error">
                    <p id="gatehouse-feedback-error" class="${properties.kcAlertClass!} pf-m-danger" role="alert">${kcSanitize(message.summary)?no_esc}</p>
                </#if>
                <form id="gatehouse-feedback" method="post" action="${feedbackUrl}">
                    <fieldset>
                        <legend>${msg("gatehouse.feedbackQuestion")}</legend>
                        <#if marked?has_content><input type="hidden" name="reason" value="${marked}"></#if>
                        <input type="hidden" name="gatehouse_csrf" value="${feedbackCsrf}">
                        <button type="submit" name="helpful" value="yes" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!}">${msg("gatehouse.feedbackYes")}</button>
                        <button type="submit" name="helpful" value="no" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!}">${msg("gatehouse.feedbackNo")}</button>
                    </fieldset>
                </form>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>
