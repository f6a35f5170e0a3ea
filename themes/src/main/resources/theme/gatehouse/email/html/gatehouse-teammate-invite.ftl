<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("gatehouse.teammateInviteBody", invitedBy, teamName, level)}</p>
<p><a id="gatehouse-invite-link" href="${link}">${msg("gatehouse.teammateInviteLink")}</a></p>
<p>${msg("gatehouse.teammateInviteExpiry", linkDays)}</p>
</@layout.emailLayout>
