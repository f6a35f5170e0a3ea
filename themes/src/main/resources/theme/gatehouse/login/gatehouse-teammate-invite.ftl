<#import "template.ftl" as layout>
<#-- Why an invitation cannot be accepted: TeammateInviteResource.State, in lower camel case. -->
<#assign failures = ["invalid", "expired", "used", "withdrawn", "otherAddress", "ownAccount", "alreadyTeammate",
                     "hasMembers", "inactive"]>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("gatehouse.teammateInviteTitle")}
    <#elseif section = "form">
        <div id="gatehouse-teammate-invite-${inviteState}" role="<#if inviteState == "login" || inviteState == "confirm">status<#else>alert</#if>">
            <#if inviteState == "login" || inviteState == "confirm" || inviteState == "accepted">
                <p id="gatehouse-invite-summary">${msg("gatehouse.teammateInviteSummary", teamName, level)}</p>
            </#if>
            <#if inviteState == "login">
                <p>${msg("gatehouse.teammateInviteLogIn", inviteEmail)}</p>
                <p><a id="gatehouse-invite-login" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!}" href="${loginUrl}">${msg("doLogIn")}</a></p>
                <p><a id="gatehouse-invite-signup" href="${signupUrl}">${msg("gatehouse.teammateInviteSignUp")}</a></p>
            <#elseif inviteState == "confirm">
                <form id="gatehouse-invite-accept" action="${acceptUrl}" method="post">
                    <input type="hidden" name="key" value="${key}"/>
                    <p>${msg("gatehouse.teammateInviteAcceptAs", username)}</p>
                    <input class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!}" type="submit" value="${msg("gatehouse.teammateInviteAccept")}"/>
                </form>
            <#elseif inviteState == "accepted">
                <p>${msg("gatehouse.teammateInviteAccepted", username)}</p>
            <#else>
                <#list failures as failure>
                    <#if inviteState == failure><p>${msg("gatehouse.teammateInvite." + failure + ".body")}</p></#if>
                </#list>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>
