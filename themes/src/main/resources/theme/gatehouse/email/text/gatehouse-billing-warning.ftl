<#ftl output_format="plainText">
<#import "template.ftl" as layout>
<@layout.emailLayout>
${msg("gatehouse.billingGreeting", username)}

${msg("gatehouse.billingWarningBody", amountDue, period, dueDate, daysOverdue)}
<#if terminationDate??>

${msg("gatehouse.billingWarningTermination", terminationDate)}
</#if>

${msg("gatehouse.billingWarningPay")}
</@layout.emailLayout>
