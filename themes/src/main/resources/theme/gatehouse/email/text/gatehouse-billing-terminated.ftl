<#ftl output_format="plainText">
${msg("gatehouse.billingGreeting", username)}

${msg("gatehouse.billingTerminatedBody", terminatedOn, period, amountDue, dueDate)}

${msg("gatehouse.billingTerminatedWhatToDo")}
