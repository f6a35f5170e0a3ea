<#ftl output_format="plainText">
${msg("gatehouse.teammateInviteBody", invitedBy, teamName, level)}

${msg("gatehouse.teammateInviteLink")}: ${link}

${msg("gatehouse.teammateInviteExpiry", linkDays)}
