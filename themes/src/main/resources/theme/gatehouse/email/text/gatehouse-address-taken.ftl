<#ftl output_format="plainText">
${msg("gatehouse.addressTakenBody")}

${msg("gatehouse.addressTakenForgot")} ${forgotUsernameUrl}

${msg("gatehouse.addressTakenIgnore")}
