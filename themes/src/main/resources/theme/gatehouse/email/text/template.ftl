<#ftl output_format="plainText">
<#-- The layout of every Gatehouse e-mail's plain-text part, the same as html/template.ftl's. -->
<#macro emailLayout>
<#nested>

--
${msg("gatehouse.emailFooter", realmName)}
</#macro>
