<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("gatehouse.billingGreeting", username)}</p>
<p id="gatehouse-billing-terminated">${msg("gatehouse.billingTerminatedBody", terminatedOn, period, amountDue, dueDate)}</p>
<p>${msg("gatehouse.billingTerminatedWhatToDo")}</p>
</@layout.emailLayout>
