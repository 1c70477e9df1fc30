// Every field of a family's plan parts, as a partner's front-end and the coach ask for them: the
// selection both benchmarks send, so they measure the same query.
export const PLAN_SELECTION = `
    myAccess { level }
    plan {
      id version startedOn updatedAt evaluationMonths nextEvaluationDue
      analyses { id updatedAt content { lifeDomain memberId text } }
      goals { id status createdAt content { lifeDomain memberIds ownWords target achievement } }
      tasks {
        id status dueDate overdue response
        content { lifeDomain memberIds description followUp responseReason goalId }
        leadPartner { name } leadProfessional { name }
      }
      milestones { id dueDate reachedOn content { title } }
      evaluations { id heldOn content { overall } results { goalId content { result achievement } } }
    }
`;
