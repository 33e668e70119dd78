from django.urls import path

from . import views

app_name = "services"

urlpatterns = [
    # S3 registration and the committee's units
    path("org/<int:pk>/co-building/", views.OverviewView.as_view(), name="overview"),
    path("units/<int:pk>/register/", views.UnitRegisterView.as_view(), name="unit_register"),
    # S2 commitments
    path("org/<int:pk>/commitments/", views.CommitmentListView.as_view(), name="commitment_list"),
    path(
        "org/<int:pk>/commitments/add/",
        views.CommitmentCreateView.as_view(),
        name="commitment_create",
    ),
    path(
        "units/<int:pk>/commitments/add/",
        views.UnitCommitmentCreateView.as_view(),
        name="unit_commitment_create",
    ),
    path(
        "commitments/<int:pk>/fulfil/",
        views.CommitmentFulfilView.as_view(),
        name="commitment_fulfil",
    ),
    path(
        "commitments/<int:pk>/evidence/",
        views.CommitmentEvidenceView.as_view(),
        name="commitment_evidence",
    ),
    # S1 agreements
    path("org/<int:pk>/agreements/", views.AgreementListView.as_view(), name="agreement_list"),
    path(
        "org/<int:pk>/agreements/add/",
        views.AgreementCreateView.as_view(),
        name="agreement_create",
    ),
    path("agreements/<int:pk>/", views.AgreementDetailView.as_view(), name="agreement"),
    path("agreements/<int:pk>/sign/", views.AgreementSignView.as_view(), name="agreement_sign"),
    path("agreements/<int:pk>/projects/add/", views.ProjectAddView.as_view(), name="project_add"),
    path("agreements/<int:pk>/scan/", views.AgreementScanView.as_view(), name="agreement_scan"),
    path("agreements/<int:pk>/pdf/", views.AgreementPdfView.as_view(), name="agreement_pdf"),
    path(
        "agreement-projects/<int:pk>/progress/",
        views.ProjectProgressView.as_view(),
        name="project_progress",
    ),
    # F1 funds
    path("org/<int:pk>/funds/", views.FundsView.as_view(), name="funds"),
    path("org/<int:pk>/funds/income/", views.IncomeAddView.as_view(), name="income_add"),
    path("org/<int:pk>/funds/spend/", views.SpendAddView.as_view(), name="spend_add"),
    path("org/<int:pk>/funds/ledger.xlsx", views.LedgerXlsxView.as_view(), name="ledger_xlsx"),
    path("org/<int:pk>/funds/ledger.pdf", views.LedgerPdfView.as_view(), name="ledger_pdf"),
    path("spends/<int:pk>/decide/", views.SpendDecideView.as_view(), name="spend_decide"),
    path("spends/<int:pk>/receipt/", views.SpendReceiptView.as_view(), name="spend_receipt"),
    # S4 dual registration
    path("me/registration/", views.MyRegistrationView.as_view(), name="my_registration"),
    path("org/<int:pk>/dual-registration/", views.DualCoverageView.as_view(), name="dual_coverage"),
    # S5 volunteer service
    path("org/<int:pk>/service/", views.OpeningListView.as_view(), name="opening_list"),
    path("org/<int:pk>/service/add/", views.OpeningCreateView.as_view(), name="opening_create"),
    path("service/<int:pk>/signup/", views.SignupView.as_view(), name="opening_signup"),
    path("org/<int:pk>/service-records/", views.RecordListView.as_view(), name="record_list"),
    path(
        "service-records/<int:pk>/confirm/",
        views.RecordConfirmView.as_view(),
        name="record_confirm",
    ),
    path("me/service/", views.MyServiceView.as_view(), name="my_service"),
    path(
        "me/service/summary.pdf",
        views.MySummaryView.as_view(format="pdf"),
        name="my_summary_pdf",
    ),
    path(
        "me/service/summary.xlsx",
        views.MySummaryView.as_view(format="xlsx"),
        name="my_summary_xlsx",
    ),
    path(
        "members/<int:pk>/service-summary.pdf",
        views.MemberSummaryView.as_view(format="pdf"),
        name="member_summary_pdf",
    ),
    path(
        "members/<int:pk>/service-summary.xlsx",
        views.MemberSummaryView.as_view(format="xlsx"),
        name="member_summary_xlsx",
    ),
    # A1 assessment and commendations
    path("org/<int:pk>/assessment/", views.AssessmentView.as_view(), name="assessment"),
    path(
        "org/<int:pk>/assessment/<int:unit_pk>.pdf",
        views.UnitReportPdfView.as_view(),
        name="unit_report_pdf",
    ),
    path(
        "org/<int:pk>/commendations/add/",
        views.CommendationCreateView.as_view(),
        name="commendation_create",
    ),
    # For residents, no login: the community's notice page (公示)
    path(
        "public/community/<uuid:public_id>/agreements/",
        views.PublicAgreementsView.as_view(),
        name="public_agreements",
    ),
]
