#include "ui/shell/main_window.h"
#include "ui/workbench/workbench_window.h"

#include "ui/labs/lab.h"
#include "ui/lessons/lesson_view.h"

#include "ui/practice/practice_view.h"
#include "ui/practice/progress_store.h"
#include "ui/shell/theme.h"

#include <QFileDialog>
#include <QStackedWidget>
#include <QTimer>
#include <cstdio>

#include <QAbstractSpinBox>
#include <QAction>
#include <QActionGroup>
#include <QComboBox>
#include <QKeyEvent>
#include <QTextEdit>
#include <QApplication>
#include <QCloseEvent>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QToolBar>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace dslab {

MainWindow::MainWindow(const LessonLibrary& library, const LabEnvironment& env, QWidget* parent)
    : QMainWindow(parent), m_library(library)
{
    setWindowTitle(tr("DS Interview Lab"));
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    auto* side = new QWidget(splitter);
    m_side = side;
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(4, 4, 0, 4);
    m_search = new QLineEdit(side);
    m_search->setPlaceholderText(tr("Search lessons…"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("search lessons"));
    m_tree = new QTreeWidget(side);
    m_tree->setHeaderHidden(true);
    m_tree->setAccessibleName(tr("curriculum"));
    m_tree->setRootIsDecorated(true);
    sideLayout->addWidget(m_search);
    sideLayout->addWidget(m_tree, 1);
    // Progress is loaded before any lesson opens; a damaged file is set aside, not reset silently.
    m_progress = std::make_unique<ProgressStore>();
    m_progress->load();
    m_pages = new QStackedWidget(splitter);
    m_view = new LessonView(env, m_pages);
    m_practice = new PracticeView(m_library, *m_progress, m_pages);
    m_pages->addWidget(m_view);
    m_pages->addWidget(m_practice);
    splitter->addWidget(side);
    splitter->addWidget(m_pages);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({260, 1000});
    setCentralWidget(splitter);

    auto* toolbar = addToolBar(tr("Navigation"));
    m_toolbar = toolbar;
    toolbar->setObjectName("navigation");
    toolbar->setMovable(false);
    auto* prev = toolbar->addAction(tr("◀ Previous"), this, [this] { step(-1); });
    prev->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    auto* next = toolbar->addAction(tr("Next ▶"), this, [this] { step(+1); });
    next->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Right));
    toolbar->addSeparator();
    m_practiceAction = toolbar->addAction(tr("Practice drill"), this, [this](bool on) { showPractice(on); });
    m_practiceAction->setCheckable(true);
    m_completedAction = toolbar->addAction(tr("✓ Completed"), this, [this](bool on) { setCurrentLessonCompleted(on); });
    m_completedAction->setCheckable(true);
    m_completedAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_completedAction->setToolTip(tr("Mark this lesson as completed (Ctrl+D); the curriculum shows a tick"));
    m_practiceAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_practiceAction->setToolTip(tr("Interview drill with spaced repetition (Ctrl+D)"));

    // The Workbench: a window of its own, so a lesson stays open beside it.
    const QString datasetsDir = env.datasetsDir;
    auto openWorkbench = [this, datasetsDir] {
        auto* workbench = new WorkbenchWindow(datasetsDir);
        workbench->setAttribute(Qt::WA_DeleteOnClose);
        workbench->selectBuiltinDataset(QStringLiteral("penguins"));
        workbench->show();
    };
    toolbar->addSeparator();
    QAction* workbenchAction = toolbar->addAction(tr("Workbench"), this, openWorkbench);
    workbenchAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W));
    workbenchAction->setToolTip(tr("Build a pipeline visually on any dataset (Ctrl+Shift+W)"));
    auto* workbenchMenu = menuBar()->addMenu(tr("&Workbench"));
    workbenchMenu->addAction(workbenchAction);

    auto* fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(tr("&Export progress…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export progress"), "dslab-progress.json", tr("JSON files (*.json)"));
        if (!path.isEmpty() && !m_progress->exportTo(path))
            QMessageBox::warning(this, tr("Export progress"), m_progress->lastProblem());
    });
    fileMenu->addAction(tr("&Import progress…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import progress"), {}, tr("JSON files (*.json)"));
        if (path.isEmpty())
            return;
        if (m_progress->importFrom(path))
            m_practice->refresh();
        else
            QMessageBox::warning(this, tr("Import progress"), m_progress->lastProblem());
    });
    fileMenu->addSeparator();
    fileMenu->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    auto* viewMenu = menuBar()->addMenu(tr("&View"));
    m_presenterAction = viewMenu->addAction(tr("&Presenter mode"), this, [this](bool on) { setPresenterMode(on); });
    m_presenterAction->setCheckable(true);
    m_presenterAction->setShortcut(QKeySequence(Qt::Key_F5));
    auto* themeMenu = viewMenu->addMenu(tr("&Theme"));
    auto* themes = new QActionGroup(this);
    for (Theme t : {Theme::System, Theme::Light, Theme::Dark}) {
        const QString label = t == Theme::System ? tr("Follow the system") : t == Theme::Light ? tr("Light") : tr("Dark");
        auto* a = themeMenu->addAction(label, this, [t] {
            applyTheme(t);
            QSettings().setValue("theme", themeName(t));
        });
        a->setCheckable(true);
        a->setData(themeName(t));
        themes->addAction(a);
    }
    connect(themeMenu, &QMenu::aboutToShow, this, [themes] {
        const QString current = QSettings().value("theme", "system").toString();
        for (auto* a : themes->actions())
            a->setChecked(a->data().toString() == current);
    });
    auto* helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About DS Interview Lab"), this, [this] {
        QMessageBox::about(this, tr("About DS Interview Lab"),
                           tr("<h3>DS Interview Lab %1</h3><p>Learn the questions asked in data-science interviews "
                              "by running the real thing.</p><p>Licensed under the GNU GPL version 3 or later. "
                              "Built-in datasets keep their own licences (see NOTICES.md).</p>")
                               .arg(QApplication::applicationVersion()));
    });

    buildCurriculum();
    connect(m_search, &QLineEdit::textChanged, this, &MainWindow::filterCurriculum);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (item && !item->data(0, Qt::UserRole).toString().isEmpty())
            openLesson(item->data(0, Qt::UserRole).toString());
    });
    connect(m_view, &LessonView::lessonRequested, this, [this](const QString& id) { openLesson(id); });
    connect(m_practice, &PracticeView::openLessonRequested, this, [this](const QString& id) {
        showPractice(false);
        openLesson(id);
    });
    connect(m_practice, &PracticeView::problemReported, this, [this](const QString& m) { statusBar()->showMessage(m); });
    if (!m_progress->lastProblem().isEmpty()) {
        statusBar()->showMessage(m_progress->lastProblem());
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Progress file"), m_progress->lastProblem(), QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        QTimer::singleShot(0, box, [box] { box->open(); });  // not modal: never blocks startup or screenshots
    }

    if (!m_library.problems().isEmpty())
        statusBar()->showMessage(tr("%n lesson file(s) could not be read: %1", nullptr, static_cast<int>(m_library.problems().size()))
                                     .arg(m_library.problems().join("; ")));
}

MainWindow::~MainWindow()
{
    m_view->shutdownLab();
}

void MainWindow::buildCurriculum()
{
    m_tree->clear();
    for (int chapter = 1; chapter <= LessonLibrary::chapterCount(); ++chapter) {
        auto* chapterItem = new QTreeWidgetItem(m_tree, {tr("%1. %2").arg(chapter).arg(LessonLibrary::chapterTitle(chapter))});
        QFont bold = chapterItem->font(0);
        bold.setBold(true);
        chapterItem->setFont(0, bold);
        chapterItem->setFlags(Qt::ItemIsEnabled);
        for (const auto& lesson : m_library.lessons()) {
            if (lesson.chapter != chapter)
                continue;
            auto* item = new QTreeWidgetItem(chapterItem, {tr("%1. %2").arg(lesson.number).arg(lesson.title)});
            item->setData(0, Qt::UserRole, lesson.id);
            updateLessonItem(item);
        }
        chapterItem->setExpanded(true);
    }
}

void MainWindow::filterCurriculum(const QString& text)
{
    const QString needle = text.trimmed();
    for (int c = 0; c < m_tree->topLevelItemCount(); ++c) {
        auto* chapter = m_tree->topLevelItem(c);
        int visible = 0;
        for (int i = 0; i < chapter->childCount(); ++i) {
            auto* item = chapter->child(i);
            const Lesson* lesson = m_library.find(item->data(0, Qt::UserRole).toString());
            const bool match = needle.isEmpty() || (lesson
                && (lesson->title.contains(needle, Qt::CaseInsensitive) || lesson->markdown.contains(needle, Qt::CaseInsensitive)));
            item->setHidden(!match);
            visible += match ? 1 : 0;
        }
        chapter->setHidden(visible == 0);
    }
}

bool MainWindow::openLesson(const QString& idOrNumber)
{
    const Lesson* lesson = m_library.find(idOrNumber);
    if (!lesson)
        return false;
    if (lesson->id == m_currentId)
        return true;
    m_currentId = lesson->id;
    showPractice(false);
    m_view->showLesson(*lesson);
    m_progress->markVisited(lesson->id);
    m_completedAction->setChecked(m_progress->isCompleted(lesson->id));
    setWindowTitle(tr("%1 — DS Interview Lab").arg(lesson->title));
    for (int c = 0; c < m_tree->topLevelItemCount(); ++c)
        for (int i = 0; i < m_tree->topLevelItem(c)->childCount(); ++i) {
            auto* item = m_tree->topLevelItem(c)->child(i);
            if (item->data(0, Qt::UserRole).toString() == lesson->id && m_tree->currentItem() != item) {
                const QSignalBlocker block(m_tree);
                m_tree->setCurrentItem(item);
            }
        }
    QSettings().setValue("lastLesson", lesson->id);
    return true;
}

void MainWindow::updateLessonItem(QTreeWidgetItem* item)
{
    const Lesson* lesson = m_library.find(item->data(0, Qt::UserRole).toString());
    if (!lesson)
        return;
    const bool hasLab = LabRegistry::isBuilt(lesson->labType);
    const bool completed = m_progress->isCompleted(lesson->id);
    item->setText(0, tr("%1. %2%3").arg(lesson->number).arg(lesson->title, completed ? QStringLiteral(" ✓") : QString()));
    item->setToolTip(0, lesson->summary + (hasLab ? QString() : tr("\n(text and practice; the live lab comes later)"))
                            + (completed ? tr("\nCompleted") : QString()));
    item->setData(0, Qt::AccessibleTextRole, completed ? tr("%1, completed").arg(lesson->title) : lesson->title);
    if (!hasLab)
        item->setForeground(0, palette().color(QPalette::PlaceholderText));
}

void MainWindow::setCurrentLessonCompleted(bool completed)
{
    if (m_currentId.isEmpty())
        return;
    m_progress->setCompleted(m_currentId, completed);
    m_completedAction->setChecked(completed);
    for (int c = 0; c < m_tree->topLevelItemCount(); ++c)
        for (int i = 0; i < m_tree->topLevelItem(c)->childCount(); ++i) {
            auto* item = m_tree->topLevelItem(c)->child(i);
            if (item->data(0, Qt::UserRole).toString() == m_currentId)
                updateLessonItem(item);
        }
    statusBar()->showMessage(tr("%1 of %2 lessons completed").arg(m_progress->completedLessons().size()).arg(m_library.lessons().size()),
                             4000);
}

void MainWindow::step(int delta)
{
    const int i = m_library.indexOf(m_currentId) + delta;
    if (i >= 0 && i < m_library.lessons().size())
        openLesson(m_library.lessons()[i].id);
}

void MainWindow::showPractice(bool on)
{
    m_practiceAction->setChecked(on);
    if (on)
        m_practice->refresh();
    m_pages->setCurrentWidget(on ? static_cast<QWidget*>(m_practice) : m_view);
}

void MainWindow::setPresenterMode(bool on)
{
    if (on == m_presenting)
        return;
    m_presenting = on;
    m_presenterAction->setChecked(on);
    m_side->setVisible(!on);
    m_toolbar->setVisible(!on);
    menuBar()->setVisible(!on);
    statusBar()->setVisible(!on);
    if (on) {
        m_normalFont = font();
        QFont big = m_normalFont;
        big.setPointSizeF(m_normalFont.pointSizeF() * 1.6);
        setFont(big);
        showFullScreen();
        qApp->installEventFilter(this);
    } else {
        qApp->removeEventFilter(this);
        setFont(m_normalFont);
        showNormal();
    }
    m_view->setPresenting(on);
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    if (m_presenting && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        // Arrows belong to an editor that has focus; clickers send Page Up/Down.
        QWidget* focus = QApplication::focusWidget();
        const bool editing = qobject_cast<QAbstractSpinBox*>(focus) || qobject_cast<QLineEdit*>(focus)
            || qobject_cast<QComboBox*>(focus) || qobject_cast<QTextEdit*>(focus);
        switch (key->key()) {
        case Qt::Key_PageDown:
            m_view->nextStep();
            return true;
        case Qt::Key_PageUp:
            m_view->previousStep();
            return true;
        case Qt::Key_Right:
        case Qt::Key_Down:
            if (editing)
                break;
            m_view->nextStep();
            return true;
        case Qt::Key_Left:
        case Qt::Key_Up:
            if (editing)
                break;
            m_view->previousStep();
            return true;
        case Qt::Key_Escape:
            setPresenterMode(false);
            return true;
        default: break;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::restoreState()
{
    QSettings settings;
    applyTheme(themeFromName(settings.value("theme", "system").toString()));
    if (!restoreGeometry(settings.value("geometry").toByteArray()))
        resize(1280, 800);
    const QString last = settings.value("lastLesson").toString();
    if (last.isEmpty() || !openLesson(last))
        if (!m_library.lessons().isEmpty())
            openLesson(m_library.lessons().first().id);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_presenting)
        setPresenterMode(false);
    m_view->shutdownLab();
    QSettings().setValue("geometry", saveGeometry());
    if (!m_progress->save() && !m_progress->lastProblem().isEmpty())
        std::fprintf(stderr, "dslab: progress not saved: %s\n", m_progress->lastProblem().toLocal8Bit().constData());
    QMainWindow::closeEvent(event);
}

}  // namespace dslab
