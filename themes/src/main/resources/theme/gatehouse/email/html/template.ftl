<#-- The one layout of every Gatehouse e-mail's HTML part (Keycloak's own e-mails included): the
     message, then a footer saying which realm sent it. The text part's layout is text/template.ftl. -->
<#macro emailLayout>
<html lang="${locale.language}" dir="${(ltr)?then('ltr','rtl')}">
<head>
    <meta charset="utf-8">
</head>
<body style="font-family: sans-serif; line-height: 1.5;">
    <#nested>
    <hr>
    <p id="gatehouse-email-footer" style="color: #4d4d4d; font-size: 0.875em;">${msg("gatehouse.emailFooter", realmName)}</p>
</body>
</html>
</#macro>
