<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("gatehouse.billingGreeting", username)}</p>
<p id="gatehouse-billing-overdue">${msg("gatehouse.billingWarningBody", amountDue, period, dueDate, daysOverdue)}</p>
<#if terminationDate??>
<p id="gatehouse-billing-termination"><strong>${msg("gatehouse.billingWarningTermination", terminationDate)}</strong></p>
</#if>
<p>${msg("gatehouse.billingWarningPay")}</p>
</@layout.emailLayout>
