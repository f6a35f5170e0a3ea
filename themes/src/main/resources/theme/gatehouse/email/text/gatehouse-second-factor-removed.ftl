<#ftl output_format="plainText">
<#import "template.ftl" as layout>
<@layout.emailLayout>
${msg("gatehouse.secondFactorRemovedBody", username)}

${msg("gatehouse.secondFactorRemovedNext")}

${msg("gatehouse.secondFactorRemovedNotYou")}

${msg("gatehouse.secondFactorRemovedLink")}: ${troubleshootingUrl}
</@layout.emailLayout>
