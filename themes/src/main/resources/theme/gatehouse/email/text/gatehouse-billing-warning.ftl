<#ftl output_format="plainText">
${msg("gatehouse.billingGreeting", username)}

${msg("gatehouse.billingWarningBody", amountDue, period, dueDate, daysOverdue)}
<#if terminationDate??>

${msg("gatehouse.billingWarningTermination", terminationDate)}
</#if>

${msg("gatehouse.billingWarningPay")}
