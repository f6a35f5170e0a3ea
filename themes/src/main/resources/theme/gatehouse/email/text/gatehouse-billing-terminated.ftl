<#ftl output_format="plainText">
<#import "template.ftl" as layout>
<@layout.emailLayout>
${msg("gatehouse.billingGreeting", username)}

${msg("gatehouse.billingTerminatedBody", terminatedOn, period, amountDue, dueDate)}

${msg("gatehouse.billingTerminatedWhatToDo")}
</@layout.emailLayout>
